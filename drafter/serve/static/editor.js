// drafter serve: the editor page. Builds the form from the field table the
// server sends, keeps the page's model of the sheet, asks the server for a
// preview a moment after each change, and saves or builds the Word draft.
"use strict";

(() => {
  const data = JSON.parse(document.getElementById("sheet-data").textContent);
  const fields = data.fields;
  const name = data.name;
  let model = data.model;
  let base = data.base;
  let dirty = false;
  let timer = null;
  let asked = 0; // previews requested
  let editedAt = 0; // when the last change was typed (performance.now)
  let uid = 0;

  const form = document.getElementById("sheet-form");
  const general = document.getElementById("general-problems");
  const page = document.getElementById("preview-page");
  const note = document.getElementById("preview-note");
  const status = document.getElementById("status");
  const SCALARS = new Set(["text", "integer", "number", "percent", "date", "choice"]);
  const PREVIEW_DELAY = 250; // ms after the last keystroke
  // Read by the browser test: how long the last change took to reach the preview.
  window.drafterPreview = { shown: 0, lastMs: null };

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === false || v === null || v === undefined) continue;
      node.setAttribute(k, v === true ? "" : v);
    }
    node.append(...children);
    return node;
  }

  function emptyValue(f) {
    if (SCALARS.has(f.kind)) return "";
    if (f.kind === "mapping") return emptyMap(f.children);
    return [];
  }

  function emptyMap(children) {
    const m = {};
    for (const c of children) m[c.key] = emptyValue(c);
    return m;
  }

  function isRaw(v) {
    return v !== null && typeof v === "object" && !Array.isArray(v) && "raw" in v;
  }

  // ---- the form ------------------------------------------------------------

  function renderForm() {
    form.replaceChildren(general);
    for (const f of fields) form.append(renderField(f, model, f.key, f.key, 2));
  }

  function renderField(f, holder, key, path, depth) {
    if (holder[key] === undefined) holder[key] = emptyValue(f);
    const value = holder[key];
    if (isRaw(value)) return renderRaw(f.label, value.raw, path);
    if (SCALARS.has(f.kind)) return renderScalar(f, holder, key, path, false);
    if (f.kind === "mapping") {
      const box = el("fieldset", { class: "group", "data-path": path }, el("legend", {}, f.label));
      if (f.description) box.append(el("p", { class: "hint" }, f.description));
      for (const c of f.children) box.append(renderField(c, value, c.key, `${path}.${c.key}`, depth + 1));
      return box;
    }
    return renderList(f, holder, key, path, depth);
  }

  function renderRaw(label, raw, path) {
    return el(
      "div",
      { class: "field raw", "data-path": path },
      el("span", { class: "raw-label" }, label),
      el("pre", {}, raw),
      el("p", { class: "hint" }, "这一项的写法比较特殊，页面上不能修改，保存时原样保留。需要修改请用记事本打开事实表。"),
    );
  }

  function renderScalar(f, holder, key, path, long, label) {
    const id = `f${++uid}`;
    const box = el("div", { class: "field", "data-path": path });
    const text = label || f.label;
    box.append(el("label", { for: id }, text));
    if (f.required) box.append(el("span", { class: "required", title: "必填" }, "必填"));
    let input;
    if (f.kind === "choice") {
      input = el("select", { id, name: path });
      const options = ["", ...f.choices];
      if (holder[key] && !options.includes(holder[key])) options.push(holder[key]);
      for (const c of options) input.append(el("option", { value: c }, c || "（请选择）"));
    } else if (long || f.long) {
      input = el("textarea", { id, name: path, rows: long ? 3 : 1 });
    } else {
      const numeric = f.kind === "integer" || f.kind === "number";
      input = el("input", { id, name: path, type: "text", inputmode: numeric ? "numeric" : false });
    }
    if (f.example && f.kind !== "choice") input.placeholder = `例如：${f.example}`;
    input.value = holder[key] ?? "";
    input.addEventListener("input", () => {
      holder[key] = input.value;
      changed();
    });
    box.append(input);
    if (f.description) box.append(el("small", { class: "hint" }, f.description));
    return box;
  }

  const ADD = {
    items: [["添加事项", "structured"], ["添加整句事项", "sentence"]],
    sections: [["添加一部分", "structured"]],
    texts: [["添加一条", "sentence"]],
  };

  function renderList(f, holder, key, path, depth) {
    const list = holder[key];
    const title = el(`h${Math.min(depth, 6)}`, { class: "list-title" }, f.label);
    const box = el("section", { class: `list list-${f.kind}`, "data-path": path, "aria-label": f.label }, title);
    if (f.description) box.append(el("p", { class: "hint" }, f.description));
    const entries = el("div", { class: "entries" });
    const draw = () => {
      entries.replaceChildren(...list.map((_, i) => renderEntry(f, list, i, `${path}.${i}`, depth, draw)));
    };
    draw();
    const buttons = el("div", { class: "list-add" });
    for (const [caption, what] of ADD[f.kind] || []) {
      const b = el("button", { type: "button", class: "add" }, caption);
      b.addEventListener("click", () => {
        list.push({ orig: null, value: what === "sentence" ? "" : emptyMap(f.children) });
        draw();
        changed();
        const added = entries.lastElementChild;
        const first = added && added.querySelector("input, textarea, select");
        if (first) first.focus();
      });
      buttons.append(b);
    }
    box.append(entries, buttons);
    return box;
  }

  function renderEntry(f, list, i, path, depth, redraw) {
    const entry = list[i];
    const box = el("div", { class: "entry", "data-path": path });
    const noun = f.kind === "texts" ? "这一条" : f.kind === "sections" ? "这一部分" : "这条事项";
    const tools = el("div", { class: "entry-tools" }, el("span", { class: "entry-number" }, `第 ${i + 1} 条`));
    const tool = (caption, title, disabled, action) => {
      const b = el("button", { type: "button", title, disabled }, caption);
      b.addEventListener("click", () => {
        action();
        redraw();
        changed();
      });
      tools.append(b);
    };
    tool("上移", `${noun}上移`, i === 0, () => list.splice(i - 1, 2, list[i], list[i - 1]));
    tool("下移", `${noun}下移`, i === list.length - 1, () => list.splice(i, 2, list[i + 1], list[i]));
    tool("删除", `删除${noun}`, false, () => list.splice(i, 1));
    box.append(tools);
    const value = entry.value;
    if (isRaw(value)) {
      box.append(renderRaw(f.label, value.raw, `${path}.raw`));
    } else if (typeof value === "string") {
      const label = f.kind === "texts" ? f.label : "事项（整句）";
      const spec = { key: f.key, kind: "text", label, description: "", example: "", required: false, choices: [] };
      box.append(renderScalar(spec, entry, "value", `${path}.text`, true, label));
    } else {
      for (const c of f.children) box.append(renderField(c, value, c.key, `${path}.${c.key}`, depth + 1));
    }
    return box;
  }

  // ---- talking to the server -----------------------------------------------

  async function post(url, body) {
    const response = await fetch(url, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(body),
    });
    let payload;
    try {
      payload = await response.json();
    } catch {
      payload = { error: "drafter 的回应无法读取，请刷新页面。" };
    }
    return { ok: response.ok, data: payload };
  }

  const url = (what) => `/api/${what}/${encodeURIComponent(name)}`;
  const offline = "无法连接 drafter。请确认命令行窗口里的 drafter serve 仍在运行。";

  function changed() {
    dirty = true;
    status.textContent = "有未保存的修改";
    editedAt = performance.now();
    clearTimeout(timer);
    timer = setTimeout(refresh, PREVIEW_DELAY);
  }

  async function refresh() {
    const mine = ++asked;
    const since = editedAt;
    let res;
    try {
      res = await post(url("preview"), { model, base });
    } catch {
      note.textContent = offline;
      return;
    }
    if (mine !== asked) return; // a newer preview is on its way
    if (!res.ok) {
      note.textContent = res.data.error;
      return;
    }
    showProblems(res.data.problems);
    const errors = res.data.problems.filter((p) => p.level !== "警告").length;
    if (res.data.blocks.length) {
      page.replaceChildren(...res.data.blocks.map(block));
      page.classList.remove("stale");
      note.textContent = "";
    } else {
      page.classList.add("stale");
      note.textContent = `事实表还有 ${errors} 个问题（见左侧红字），改正后预览会更新。`;
    }
    window.drafterPreview.shown += 1;
    window.drafterPreview.lastMs = since ? performance.now() - since : null;
  }

  const TAGS = { title: "h1", heading1: "h2", heading2: "h3" };

  function block(b) {
    return el(TAGS[b.role] || "p", { class: `b-${b.role}` }, b.text);
  }

  function showProblems(problems) {
    for (const old of form.querySelectorAll(".problem")) old.remove();
    for (const bad of form.querySelectorAll("[aria-invalid]")) bad.removeAttribute("aria-invalid");
    for (const p of problems) {
      const id = `p${++uid}`;
      const line = el("p", { class: `problem ${p.level === "警告" ? "warning" : "error"}`, id }, `${p.level}：${p.message}`);
      const target = p.path && form.querySelector(`[data-path="${CSS.escape(p.path)}"]`);
      if (!target) {
        general.append(line);
        continue;
      }
      const input = target.matches(".field") && target.querySelector("input, textarea, select");
      if (input) {
        input.setAttribute("aria-invalid", "true");
        input.setAttribute("aria-describedby", id);
        input.after(line);
      } else {
        target.prepend(line);
      }
    }
  }

  function adopt(state) {
    base = state.base;
    model = state.model;
    dirty = false;
    renderForm();
    refresh();
  }

  async function save() {
    status.textContent = "正在保存…";
    let res;
    try {
      res = await post(url("save"), { model, base });
    } catch {
      status.textContent = offline;
      return;
    }
    if (!res.ok) {
      status.textContent = res.data.error;
      return;
    }
    adopt(res.data);
    status.textContent = res.data.message;
  }

  async function word() {
    status.textContent = "正在生成 Word…";
    let res;
    try {
      res = await post(url("word"), { model, base });
    } catch {
      status.textContent = offline;
      return;
    }
    if (!res.ok) {
      status.textContent = res.data.error;
      return;
    }
    adopt(res.data);
    status.textContent = [`已保存并生成：${res.data.file}`, ...res.data.notes].join("；");
    const link = el("a", { href: res.data.download, download: res.data.file, hidden: true });
    document.body.append(link);
    link.click();
    link.remove();
  }

  document.getElementById("save").addEventListener("click", save);
  document.getElementById("word").addEventListener("click", word);
  document.addEventListener("keydown", (e) => {
    if ((e.ctrlKey || e.metaKey) && e.key === "s") {
      e.preventDefault();
      save();
    }
  });
  window.addEventListener("beforeunload", (e) => {
    if (dirty) e.preventDefault();
  });

  renderForm();
  refresh();
})();
