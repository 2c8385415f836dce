/** The canvas's 2D context, cleared and scaled to CSS pixels; its backing store is resized only when its size changed. */
export const sized = (canvas: HTMLCanvasElement, cssWidth: number, cssHeight: number, ratio: number): CanvasRenderingContext2D | null => {
  const width = Math.round(cssWidth * ratio);
  const height = Math.round(cssHeight * ratio);
  if (canvas.width !== width) canvas.width = width;
  if (canvas.height !== height) canvas.height = height;
  const ctx = canvas.getContext('2d');
  if (ctx === null) return null;
  ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
  ctx.clearRect(0, 0, cssWidth, cssHeight);
  return ctx;
};
