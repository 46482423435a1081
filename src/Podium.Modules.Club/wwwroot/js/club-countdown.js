// Keeps the "Starts in …" text on the club overview current without a reload. The server already rendered the same
// text, so without JavaScript the page still says when the next tournament starts.
(() => {
    const plural = (n, unit) => `${n} ${unit}${n === 1 ? "" : "s"}`;

    function describe(ms) {
        if (ms <= 0) {
            return "under way";
        }
        const minutes = Math.floor(ms / 60000);
        const days = Math.floor(minutes / 1440);
        const hours = Math.floor((minutes % 1440) / 60);
        if (days >= 1) {
            return `in ${plural(days, "day")}, ${plural(hours, "hour")}`;
        }
        if (hours >= 1) {
            return `in ${plural(hours, "hour")}, ${plural(minutes % 60, "minute")}`;
        }
        return `in ${plural(Math.max(1, minutes), "minute")}`;
    }

    function tick() {
        for (const element of document.querySelectorAll("[data-club-countdown]")) {
            const starts = Date.parse(element.dataset.clubCountdown);
            if (!Number.isNaN(starts)) {
                element.textContent = describe(starts - Date.now());
            }
        }
    }

    document.addEventListener("DOMContentLoaded", () => {
        tick();
        setInterval(tick, 30000);
    });
})();
