(function () {
  var box = document.getElementById("only-problems");
  var status = document.getElementById("filter-status");
  function quotations(n) { return n + (n === 1 ? " quotation" : " quotations"); }
  function apply() {
    document.body.classList.toggle("only-problems", box.checked);
    var all = document.querySelectorAll(".cluster, .single");
    var shown = 0;
    for (var i = 0; i < all.length; i++) {
      if (all[i].getClientRects().length > 0) { shown++; }
    }
    status.textContent = box.checked
      ? "Showing " + shown + " of " + quotations(all.length) + " (problems only)"
      : (all.length === 1 ? "Showing the one quotation" : "Showing all " + quotations(all.length));
  }
  box.addEventListener("change", apply);
  apply();
})();
