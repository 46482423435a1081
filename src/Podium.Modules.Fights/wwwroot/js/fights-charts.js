// Every Fights chart: a canvas carries its data in data-chart (see Features/Catalogue/Charts.cs); no inline script, as
// the content security policy forbids it. The table next to each chart has the same numbers.
(() => {
  if (typeof Chart === 'undefined') {
    return;
  }

  const palette = ['#0d6efd', '#dc3545', '#198754', '#fd7e14', '#6f42c1', '#20c997', '#d63384', '#6c757d'];
  const percent = (value) => `${Math.round(value * 100)}%`;

  for (const canvas of document.querySelectorAll('canvas[data-chart]')) {
    const spec = JSON.parse(canvas.dataset.chart);
    const radar = spec.type === 'radar';
    const datasets = spec.datasets.map((series, i) => ({
      label: series.label,
      data: series.data,
      yAxisID: radar ? undefined : (series.axis || 'y'),
      borderColor: palette[i % palette.length],
      backgroundColor: radar ? `${palette[i % palette.length]}33` : palette[i % palette.length],
      fill: radar,
      tension: 0.2,
      spanGaps: true,
    }));
    const scales = {};
    if (radar) {
      scales.r = { suggestedMin: 0, ticks: { display: false } };
    } else {
      for (const key of ['y', 'y1']) {
        const axis = spec[key];
        if (!axis) {
          continue;
        }

        scales[key] = {
          position: key === 'y1' ? 'right' : 'left',
          title: { display: true, text: axis.title },
          min: axis.min,
          max: axis.max,
          grid: key === 'y1' ? { drawOnChartArea: false } : undefined,
          ticks: axis.percent ? { callback: percent } : undefined,
        };
      }
    }

    // eslint-disable-next-line no-new
    new Chart(canvas, {
      type: spec.type,
      data: { labels: spec.labels, datasets },
      options: {
        maintainAspectRatio: false,
        interaction: { mode: 'index', intersect: false },
        scales,
        plugins: { legend: { position: 'bottom' } },
      },
    });
    canvas.dataset.drawn = 'true';
  }
})();
