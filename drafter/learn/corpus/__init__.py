"""Stage 1 of the learner: sample files → a corpus of clean reports.

``load`` runs the stage: ``sampleio`` reads files and decodes them, ``script``
converts traditional script and drops pinyin glosses, ``docxlines`` reads a
.docx through the shared reader, ``layout`` undoes flattening and page debris,
``cleaning`` strips scrape noise and repairs broken paragraphs, ``spun`` undoes
synonym spinning, ``splitting`` cuts a page into reports and paragraphs,
``kinds`` guesses each report's kind and unit type, ``dedupe`` finds near
duplicates; ``reports`` holds the data.
"""
