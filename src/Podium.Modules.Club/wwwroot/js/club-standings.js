// The Angler-of-the-Year race: each leader's cumulative points after each tournament. The data comes from the
// canvas's data-chart attribute (no inline script: the content security policy forbids it).
(() => {
  const canvas = document.getElementById('standings-chart');
  if (!canvas || typeof Chart === 'undefined') {
    return;
  }

  // On a phone the legend's eight names took two thirds of the box: small swatches and type keep it to a few lines
  // (club.css also makes the box taller there). Re-checked on every resize, so turning the phone works too.
  const phone = window.matchMedia('(max-width: 575.98px)');
  const legendLabels = () => phone.matches
    ? { boxWidth: 10, boxHeight: 10, padding: 6, font: { size: 11 } }
    : { boxWidth: 40, boxHeight: 12, padding: 10, font: { size: 12 } };
  const pointRadius = () => (phone.matches ? 2 : 3);

  const data = JSON.parse(canvas.dataset.chart);
  const palette = ['#0d6efd', '#dc3545', '#198754', '#fd7e14', '#6f42c1', '#20c997', '#d63384', '#6c757d'];
  const chart = new Chart(canvas, {
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
      elements: { point: { radius: pointRadius() } },
      scales: { y: { title: { display: true, text: 'Points' }, beginAtZero: true } },
      plugins: { legend: { position: 'bottom', labels: legendLabels() } },
    },
  });

  phone.addEventListener('change', () => {
    chart.options.plugins.legend.labels = legendLabels();
    chart.options.elements.point.radius = pointRadius();
    chart.update();
  });
})();
