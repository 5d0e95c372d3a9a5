// Progressive enhancement only: every page reads fine without it (folders are <details>, spoilers
// and notes open on focus).

// Reader choices kept in this browser: show all spoilers, night mode (else the system's colour scheme),
// compact lists. Applied to <html> as classes the stylesheet reads.
const CHOICES = { spoilers: "spoilers-shown", night: "night", compact: "compact" };

function stored(name) {
  try { return localStorage.getItem(`tropebase.${name}`); } catch (e) { return null; }
}

function remember(name, value) {
  try { localStorage.setItem(`tropebase.${name}`, value); } catch (e) { /* private mode: this page only */ }
}

function systemNight() {
  return window.matchMedia && window.matchMedia("(prefers-color-scheme: dark)").matches;
}

function applyChoices() {
  const root = document.documentElement;
  for (const [name, css] of Object.entries(CHOICES)) {
    let on = stored(name) === "on";
    if (name === "night") {
      const choice = stored("night");
      on = choice ? choice === "on" : systemNight();
      root.classList.toggle("day", choice === "off");
    }
    root.classList.toggle(css, on);
    document.querySelectorAll(`[data-toggle="${name}"]`).forEach((button) => {
      button.setAttribute("aria-pressed", String(on));
      button.hidden = false;
    });
  }
}

applyChoices();
document.addEventListener("DOMContentLoaded", applyChoices);

// A preview shows the saved page's HTML, folders and all; opened here, so the change being previewed is
// in sight rather than folded away.
document.querySelectorAll(".preview details.folder").forEach((folder) => { folder.open = true; });

document.addEventListener("click", (event) => {
  const toggle = event.target.closest("[data-toggle]");
  if (toggle) {
    const name = toggle.dataset.toggle;
    remember(name, toggle.getAttribute("aria-pressed") === "true" ? "off" : "on");
    applyChoices();
    return;
  }
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

// Spoilers and notes are focusable spans: Enter or Space reveals them, as a click does.
document.addEventListener("keydown", (event) => {
  if (event.key !== "Enter" && event.key !== " ") return;
  const target = event.target;
  if (target.classList && target.classList.contains("spoiler")) {
    event.preventDefault();
    target.classList.toggle("revealed");
  } else if (target.classList && target.classList.contains("notelabel")) {
    event.preventDefault();
    target.parentElement.classList.toggle("open");
  }
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
