// uPlot charts for the dashboard, updated in place (setData) so a live chart never flickers.
window.eventPipelineCharts = (() => {
  const charts = new Map();

  function rateChart(element, data) {
    const options = {
      width: element.clientWidth || 640,
      height: 260,
      cursor: { drag: { x: false, y: false } },
      scales: { x: { time: true } },
      axes: [
        { stroke: "#8b949e", grid: { stroke: "#30363d" } },
        { stroke: "#8b949e", grid: { stroke: "#30363d" }, label: "requests / s" },
      ],
      series: [
        {},
        { label: "allowed", stroke: "#3fb950", width: 2, fill: "rgba(63,185,80,0.12)" },
        { label: "limited (429)", stroke: "#f85149", width: 2 },
        { label: "shadow-limited", stroke: "#d29922", width: 2, dash: [6, 4] },
        { label: "local bucket (no Redis)", stroke: "#58a6ff", width: 2, dash: [2, 3] },
        { label: "failed open (no Redis)", stroke: "#bc8cff", width: 2, dash: [2, 3] },
        { label: "failed closed (503)", stroke: "#ff7b72", width: 2, dash: [2, 3] },
      ],
    };
    return new uPlot(options, data, element);
  }

  return {
    render(id, element, data) {
      let chart = charts.get(id);
      if (!chart || chart.root.parentNode !== element) {
        chart?.destroy();
        chart = rateChart(element, data);
        charts.set(id, chart);
        new ResizeObserver(() => chart.setSize({ width: element.clientWidth, height: 260 })).observe(element);
      } else {
        chart.setData(data);
      }
      element.dataset.points = String(data[0].length);
    },
    dispose(id) {
      charts.get(id)?.destroy();
      charts.delete(id);
    },
  };
})();
