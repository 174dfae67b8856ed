// "Start again" reloads this page (the same address, with its token): a new app session.
document.addEventListener("DOMContentLoaded", () => {
  document.getElementById("restart").addEventListener("click", () => {
    window.location.reload();
  });
});
