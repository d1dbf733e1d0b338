// Every htmx request carries the page's CSRF token (partials/htmx.html), so a POST made by htmx
// passes Django's check like a form's.
document.addEventListener("htmx:configRequest", (event) => {
  event.detail.headers["X-CSRFToken"] = document.querySelector('meta[name="csrf-token"]').content;
});
