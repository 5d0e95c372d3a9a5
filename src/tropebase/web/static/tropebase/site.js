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

// A page over the size limit is refused by the server with the text given back; refusing it here
// first spares the upload and keeps the text in the box.
document.addEventListener("submit", (event) => {
  const box = event.target.querySelector("textarea[data-max-bytes]");
  if (!box) return;
  const size = new TextEncoder().encode(box.value).length;
  const limit = Number(box.dataset.maxBytes);
  if (size > limit) {
    event.preventDefault();
    alert(`The page text is ${size.toLocaleString()} bytes; a page may hold at most ${limit.toLocaleString()} bytes. Nothing was sent: your text is still in the box.`);
  }
});
