import { BarController, BarElement, CategoryScale, Chart, LinearScale, Tooltip } from 'chart.js';

// Only what the bar charts use, so the bundle carries no other chart types, scales or plugins.
Chart.register(BarController, BarElement, CategoryScale, LinearScale, Tooltip);

export { Chart };
