// Drag for the pipeline board. Every card already has a move form that works
// without JavaScript; dropping a card on a column picks that stage in the
// card's form and submits it, so both paths go through the same handler.
"use strict";
document.documentElement.classList.add("js");
document.addEventListener("DOMContentLoaded", function () {
  var dragged = null;
  document.querySelectorAll(".board .card[data-deal]").forEach(function (card) {
    card.addEventListener("dragstart", function (e) {
      dragged = card;
      e.dataTransfer.setData("text/plain", card.dataset.deal);
    });
  });
  document.querySelectorAll(".board .column[data-stage]").forEach(function (col) {
    col.addEventListener("dragover", function (e) { e.preventDefault(); col.classList.add("over"); });
    col.addEventListener("dragleave", function () { col.classList.remove("over"); });
    col.addEventListener("drop", function (e) {
      e.preventDefault();
      col.classList.remove("over");
      if (!dragged || dragged.parentElement === col) { return; }
      var form = dragged.querySelector("form.move");
      if (!form) { return; }
      form.querySelector("select[name=to]").value = col.dataset.stage;
      var reason = form.querySelector("input[name=lost_reason]");
      if (col.dataset.lost === "true" && reason && !reason.value) {
        var r = window.prompt(reason.placeholder);
        if (!r) { return; }
        reason.value = r;
      }
      form.submit();
    });
  });
});
