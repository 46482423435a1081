// The Angler-of-the-Year race: each leader's cumulative points after each tournament. The data comes from the
// canvas's data-chart attribute (no inline script: the content security policy forbids it).
(() => {
  const canvas = document.getElementById('standings-chart');
  if (!canvas || typeof Chart === 'undefined') {
    return;
  }

  const data = JSON.parse(canvas.dataset.chart);
  const palette = ['#0d6efd', '#dc3545', '#198754', '#fd7e14', '#6f42c1', '#20c997', '#d63384', '#6c757d'];
  new Chart(canvas, {
    type: 'line',
    data: {
      labels: data.labels,
      datasets: data.series.map((s, i) => ({
        label: s.name,
        data: s.points,
        borderColor: palette[i % palette.length],
        backgroundColor: palette[i % palette.length],
        tension: 0.2,
      })),
    },
    options: {
      maintainAspectRatio: false,
      interaction: { mode: 'index', intersect: false },
      scales: { y: { title: { display: true, text: 'Points' }, beginAtZero: true } },
      plugins: { legend: { position: 'bottom' } },
    },
  });
})();
