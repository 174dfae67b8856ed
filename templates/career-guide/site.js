// The career guide's search and filters: an enhancement. Without this script every path is
// listed by area and nothing is lost; with it, the form appears and narrows the list as you type.
(function () {
  "use strict";
  var form = document.getElementById("finder");
  if (!form) { return; }
  var query = document.getElementById("q");
  var area = document.getElementById("area");
  var direction = document.getElementById("direction");
  var count = document.getElementById("count-n");
  var none = document.getElementById("none");
  var cards = Array.prototype.slice.call(document.querySelectorAll(".card"));
  var sections = Array.prototype.slice.call(document.querySelectorAll("section.area"));

  // The same folding as the generator's: lower case, accents removed ("forstelarare" finds it).
  function fold(text) {
    return text.toLowerCase().normalize("NFKD").replace(/[\u0300-\u036f]/g, "");
  }

  function apply() {
    var words = fold(query.value).split(/\s+/).filter(Boolean);
    var shown = 0;
    cards.forEach(function (card) {
      var haystack = card.getAttribute("data-words") || "";
      var ok = (!area.value || card.getAttribute("data-area") === area.value) &&
        (!direction.value || card.getAttribute("data-direction") === direction.value) &&
        words.every(function (word) { return haystack.indexOf(word) !== -1; });
      card.hidden = !ok;
      if (ok) { shown += 1; }
    });
    sections.forEach(function (section) {
      section.hidden = !section.querySelector(".card:not([hidden])");
    });
    count.textContent = String(shown);
    none.hidden = shown !== 0;
  }

  form.hidden = false;
  form.addEventListener("submit", function (event) { event.preventDefault(); apply(); });
  query.addEventListener("input", apply);
  area.addEventListener("change", apply);
  direction.addEventListener("change", apply);
  // A search word in the address (index.html?q=nurse) fills the box, so a link can point to one.
  var given = new URLSearchParams(window.location.search).get("q");
  if (given) { query.value = given; }
  apply();
}());
