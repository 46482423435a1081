// Weigh-in: typing in the search box narrows the angler list and picks the single match, so a weigh-master with a
// wet thumb scrolls less. Without JavaScript the plain select still works.
(function () {
    "use strict";
    for (const filter of document.querySelectorAll("[data-filter-select]")) {
        const select = document.getElementById(filter.dataset.filterSelect);
        if (!select) {
            continue;
        }

        const options = Array.from(select.options).filter(o => o.value !== "");
        filter.addEventListener("input", () => {
            const text = filter.value.trim().toLowerCase();
            const shown = options.filter(o => {
                const match = text === "" || o.text.toLowerCase().includes(text);
                o.hidden = !match;
                return match;
            });
            if (shown.length === 1) {
                select.value = shown[0].value;
            }
        });
    }
})();
