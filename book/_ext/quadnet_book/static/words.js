// English words that scripts and templates write outside any catalog: the
// aria-labels of sphinx-togglebutton 0.4.5 and sphinx-book-theme 1.4.0, and
// sphinx-copybutton 0.5.2's "Copied!" (its zh-CN word is not the book's),
// in the edition's words from Sphinx's catalog (translations.js).
document.addEventListener("DOMContentLoaded", () => {
  for (const el of document.querySelectorAll("[aria-label]"))
    el.setAttribute("aria-label", _(el.getAttribute("aria-label")));
  const copybutton = messages[document.documentElement.lang];
  if (copybutton) copybutton.copy_success = _("Copied!");
});
