// Keeps every "in 3 days 4 hours" countdown on a page current without a reload: an element with
// data-countdown="<UTC instant, ISO 8601>" (TimeHtml.Countdown) gets its text rewritten every 30 seconds. The server
// already rendered the same text, so without JavaScript the page still says when.
//
// Contract (Modules/LocalTime/Countdown.cs, word for word): whole minutes left, rounded down; zero or less → "now"; under a
// minute → "in less than a minute"; under an hour → "in N minutes"; under a day → "in N hours[ M minutes]"; else
// "in N days[ M hours]"; a zero second part is left out; 1 is singular ("1 day"), everything else plural.
(() => {
    "use strict";
    const unit = (n, name) => `${n} ${name}${n === 1 ? "" : "s"}`;
    const pair = (big, bigName, small, smallName) =>
        small === 0 ? unit(big, bigName) : `${unit(big, bigName)} ${unit(small, smallName)}`;

    function until(ms) {
        if (ms <= 0) {
            return "now";
        }
        const minutes = Math.floor(ms / 60000);
        const days = Math.floor(minutes / 1440);
        const hours = Math.floor((minutes % 1440) / 60);
        if (days > 0) {
            return `in ${pair(days, "day", hours, "hour")}`;
        }
        if (hours > 0) {
            return `in ${pair(hours, "hour", minutes % 60, "minute")}`;
        }
        return minutes > 0 ? `in ${unit(minutes, "minute")}` : "in less than a minute";
    }

    function tick() {
        for (const element of document.querySelectorAll("[data-countdown]")) {
            const at = Date.parse(element.dataset.countdown);
            if (!Number.isNaN(at)) {
                element.textContent = until(at - Date.now());
            }
        }
    }

    document.addEventListener("DOMContentLoaded", () => {
        tick();
        setInterval(tick, 30000);
    });
})();
