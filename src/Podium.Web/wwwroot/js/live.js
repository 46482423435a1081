// Live updates for any page: mark an element with data-live-topic="club:poll:42" and, when the server publishes to that
// topic, the element receives a "live" event (detail: topic, name, data). With htmx, hx-get="…fragment…"
// hx-trigger="live" re-fetches the fragment, so the server renders it with the reader's own rights and nothing but
// ids travels over the socket. After a lost connection every followed element gets one "live" event with name
// "reconnected", since updates may have been missed meanwhile. Elements with data-live-status show the state.
(function () {
    "use strict";
    const followed = () => Array.from(document.querySelectorAll("[data-live-topic]"));
    if (followed().length === 0 || !window.signalR) {
        return;
    }

    const showStatus = (state, text) => {
        for (const element of document.querySelectorAll("[data-live-status]")) {
            element.dataset.liveState = state;
            element.textContent = text;
        }
    };

    const fire = (topic, name, data) => {
        for (const element of followed()) {
            if (topic === null || element.dataset.liveTopic === topic) {
                element.dispatchEvent(new CustomEvent("live", { detail: { topic: element.dataset.liveTopic, name, data } }));
            }
        }
    };

    const connection = new signalR.HubConnectionBuilder()
        .withUrl("/hubs/live")
        .withAutomaticReconnect([0, 2000, 5000, 10000, 30000])
        .build();

    const subscribe = () => Promise.all([...new Set(followed().map(e => e.dataset.liveTopic))].map(topic =>
        connection.invoke("Subscribe", topic).catch(error => console.warn(`Live updates for ${topic} unavailable: ${error.message}`))));

    connection.on("update", (topic, name, data) => fire(topic, name, data));
    connection.onreconnecting(() => showStatus("reconnecting", "Reconnecting…"));
    connection.onreconnected(async () => {
        await subscribe();
        showStatus("live", "Live");
        fire(null, "reconnected", null);
    });
    connection.onclose(() => showStatus("offline", "Offline: reload for the latest"));

    const start = async () => {
        try {
            await connection.start();
            await subscribe();
            showStatus("live", "Live");
        } catch {
            showStatus("offline", "Offline: retrying…");
            setTimeout(start, 10000);
        }
    };
    start();
})();
