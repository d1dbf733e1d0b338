// The navbar's menu button on a narrow screen, without Bootstrap's JavaScript (20 KiB compressed)
// on every page: it shows or hides the menu as Bootstrap's collapse does, without the animation.
document.addEventListener("click", (event) => {
  const button = event.target.closest("[data-nav-toggle]");
  if (!button) return;
  const menu = document.getElementById(button.getAttribute("aria-controls"));
  const open = menu.classList.toggle("show");
  button.setAttribute("aria-expanded", String(open));
});
