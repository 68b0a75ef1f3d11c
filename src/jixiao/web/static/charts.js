// Charts of the overview page, drawn with the bundled ECharts from the JSON data block.
(function () {
  "use strict";
  var node = document.getElementById("charts-data");
  if (!node || typeof echarts === "undefined") { return; }
  var data = JSON.parse(node.textContent);
  var font = { fontFamily: "Noto Sans CJK SC, Microsoft YaHei, sans-serif" };

  function draw(id, option) {
    var el = document.getElementById(id);
    if (!el) { return; }
    var chart = echarts.init(el, null, { renderer: "canvas" });
    option.textStyle = font;
    option.animation = false;
    chart.setOption(option);
    window.addEventListener("resize", function () { chart.resize(); });
  }

  function bars(labels, series, colors) {
    return {
      tooltip: { trigger: "axis" },
      legend: { top: 0 },
      grid: { left: 40, right: 16, top: 32, bottom: 48 },
      xAxis: { type: "category", data: labels, axisLabel: { interval: 0, rotate: labels.length > 6 ? 30 : 0 } },
      yAxis: { type: "value", minInterval: 1 },
      series: series.map(function (s, i) { return { name: s[0], type: "bar", data: s[1], itemStyle: { color: colors[i] } }; })
    };
  }

  draw("chart-gaps", bars(data.gaps.labels, [["单位数", data.gaps.values]], ["#c0392b"]));
  var max = 100;
  draw("chart-scatter", {
    tooltip: { formatter: function (p) { return p.value[2] + "<br>复核 " + p.value[0] + " · 自评 " + p.value[1]; } },
    grid: { left: 48, right: 16, top: 24, bottom: 40 },
    xAxis: { name: "复核得分", min: 40, max: max, nameLocation: "middle", nameGap: 26 },
    yAxis: { name: "自评得分", min: 40, max: max },
    series: [
      { type: "scatter", symbolSize: 7, data: data.scatter, itemStyle: { color: "#2f5d8a", opacity: 0.7 } },
      { type: "line", data: [[40, 40], [max, max]], symbol: "none", lineStyle: { color: "#999", type: "dashed" }, tooltip: { show: false } }
    ]
  });
  draw("chart-grades", bars(data.grades.labels, [["自评等级", data.grades.claimed], ["复核等级", data.grades.computed]], ["#8fb3d9", "#2f5d8a"]));
  draw("chart-rates", bars(data.rates.labels, [["单位数", data.rates.values]], ["#3c8d5a"]));
  draw("chart-findings", bars(data.findings.labels, [["涉及单位数", data.findings.values]], ["#d68910"]));
  if (data.history && data.history.length) {
    draw("chart-history", {
      tooltip: { trigger: "axis" }, legend: { top: 0 },
      grid: { left: 40, right: 16, top: 32, bottom: 32 },
      xAxis: { type: "category", data: data.history.map(function (h) { return String(h[0]); }) },
      yAxis: { type: "value", min: function (v) { return Math.floor(Math.min(v.min, 60)); }, max: 100 },
      series: [
        { name: "自评得分", type: "line", data: data.history.map(function (h) { return h[1]; }) },
        { name: "复核得分", type: "line", data: data.history.map(function (h) { return h[2]; }) }
      ]
    });
  }
})();
