// "My predictions": accuracy (correct winners / scored picks) and points after each event. The data comes from the
// canvas's data-chart attribute (no inline script: the content security policy forbids it).
(() => {
  const canvas = document.getElementById('accuracy-chart');
  if (!canvas || typeof Chart === 'undefined') {
    return;
  }

  const data = JSON.parse(canvas.dataset.chart);
  new Chart(canvas, {
    type: 'line',
    data: {
      labels: data.labels,
      datasets: [
        { label: 'Accuracy (%)', data: data.accuracy, borderColor: '#0d6efd', backgroundColor: '#0d6efd', tension: 0.2, yAxisID: 'y' },
        { label: 'Points', data: data.points, borderColor: '#198754', backgroundColor: '#198754', tension: 0.2, yAxisID: 'points' },
      ],
    },
    options: {
      interaction: { mode: 'index', intersect: false },
      scales: {
        y: { min: 0, max: 100, title: { display: true, text: 'Accuracy (%)' } },
        points: { position: 'right', beginAtZero: true, grid: { drawOnChartArea: false }, title: { display: true, text: 'Points' } },
      },
      plugins: { legend: { position: 'bottom' } },
    },
  });
})();
