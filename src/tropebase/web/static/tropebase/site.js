// Progressive enhancement only: every page reads fine without it (folders are <details>, spoilers
// and notes open on focus).
document.addEventListener("click", (event) => {
  const toggleAll = event.target.closest(".folder-toggle-all");
  if (toggleAll) {
    const scope = toggleAll.closest("section, article, main") || document;
    const folders = [...scope.querySelectorAll("details.folder")];
    const open = !folders.every((f) => f.open);
    folders.forEach((f) => { f.open = open; });
    return;
  }
  const spoiler = event.target.closest(".spoiler");
  if (spoiler) {
    spoiler.classList.toggle("revealed");
    return;
  }
  const label = event.target.closest(".notelabel");
  if (label) label.parentElement.classList.toggle("open");
});
