// The menu and the language list are <details> elements, which work without this script.
// With it: the menu is open on wide screens in browsers without ::details-content, Escape
// closes an open menu or list and returns focus to its button, and a click elsewhere closes it.
(function () {
    "use strict";
    var wide = window.matchMedia("(min-width: 75rem)");
    var menu = document.querySelector(".site-menu");

    function fitMenu() {
        if (menu) {
            menu.open = wide.matches;
        }
    }
    fitMenu();
    if (wide.addEventListener) {
        wide.addEventListener("change", fitMenu);
    }

    function openDisclosures() {
        return Array.prototype.filter.call(
            document.querySelectorAll(".site-menu[open], .language-switcher details[open]"),
            function (details) { return !(details === menu && wide.matches); }
        );
    }

    document.addEventListener("keydown", function (event) {
        if (event.key !== "Escape") {
            return;
        }
        var open = openDisclosures();
        // The innermost first: the language list inside the menu, then the menu.
        var last = open[open.length - 1];
        if (last) {
            last.open = false;
            last.querySelector("summary").focus();
        }
    });

    document.addEventListener("click", function (event) {
        openDisclosures().forEach(function (details) {
            if (!details.contains(event.target)) {
                details.open = false;
            }
        });
    });
})();
