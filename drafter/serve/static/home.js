// drafter serve: the home page's "新建事实表" form.
"use strict";

(() => {
  const form = document.getElementById("new-sheet");
  const status = document.getElementById("new-status");
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    const body = Object.fromEntries(new FormData(form).entries());
    status.textContent = "正在新建…";
    try {
      const response = await fetch("/api/new", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(body),
      });
      const data = await response.json();
      if (!response.ok) {
        status.textContent = data.error;
        return;
      }
      window.location.href = data.url;
    } catch {
      status.textContent = "无法连接 drafter。请确认命令行窗口里的 drafter serve 仍在运行。";
    }
  });
})();
