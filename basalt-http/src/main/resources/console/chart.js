// A small line chart on a <canvas>: the last N points of one series, with its axis range and
// latest value. Our own few lines rather than a chart library: the status page needs no more.

export class LineChart {
  constructor(canvas, {color = '#1e88e5', capacity = 60, unit = ''} = {}) {
    this.canvas = canvas;
    this.color = color;
    this.capacity = capacity;
    this.unit = unit;
    this.points = [];
  }

  /** Adds a value (null: no data for this tick) and redraws. */
  push(value) {
    this.points.push(value);
    if (this.points.length > this.capacity) this.points.shift();
    this.draw();
  }

  draw() {
    const c = this.canvas;
    const g = c.getContext('2d');
    const w = c.width, h = c.height, left = 44, bottom = 18, top = 8;
    g.clearRect(0, 0, w, h);
    const values = this.points.filter(v => v !== null && Number.isFinite(v));
    const max = niceMax(values.length ? Math.max(...values) : 1);
    g.font = '11px sans-serif';
    g.fillStyle = '#78909c';
    g.strokeStyle = '#eceff1';
    for (let k = 0; k <= 4; k++) {
      const y = top + (h - top - bottom) * (1 - k / 4);
      g.beginPath();
      g.moveTo(left, y);
      g.lineTo(w, y);
      g.stroke();
      g.fillText(format(max * k / 4), 2, y + 4);
    }
    g.fillText(`last ${this.capacity} s`, left, h - 4);
    const last = values.length ? values[values.length - 1] : null;
    const lastText = last === null ? 'no data' : format(last) + this.unit;
    g.fillText(lastText, w - g.measureText(lastText).width - 4, h - 4);
    const step = (w - left) / (this.capacity - 1);
    const offset = this.capacity - this.points.length;
    g.strokeStyle = this.color;
    g.lineWidth = 2;
    g.beginPath();
    let drawing = false;
    this.points.forEach((v, i) => {
      if (v === null || !Number.isFinite(v)) { drawing = false; return; }
      const x = left + (offset + i) * step;
      const y = top + (h - top - bottom) * (1 - v / max);
      if (drawing) g.lineTo(x, y); else g.moveTo(x, y);
      drawing = true;
    });
    g.stroke();
    g.lineWidth = 1;
  }
}

/** 1, 2 or 5 times a power of ten at or above v, so the axis labels stay round. */
function niceMax(v) {
  if (v <= 0) return 1;
  const p = Math.pow(10, Math.floor(Math.log10(v)));
  for (const m of [1, 2, 5, 10]) if (m * p >= v) return m * p;
  return 10 * p;
}

function format(v) {
  if (Math.abs(v) >= 100) return String(Math.round(v));
  if (Math.abs(v) >= 10) return v.toFixed(1).replace(/\.0$/, ''); // 75, not 75.0; 37.5 stays
  return v.toFixed(2).replace(/\.?0+$/, '') || '0';
}
