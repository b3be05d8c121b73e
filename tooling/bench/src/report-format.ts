// How the report writes its figures.
export const bytes = (n: number) => `${n.toLocaleString("en-US")} B`;
export const ms = (n: number) => `${Number(n).toLocaleString("en-US", { maximumFractionDigits: 1 })} ms`;

export const ratio = (n: number) => `${n.toFixed(3)}×`;
export const us = (n: number) =>
  `${n.toLocaleString("en-US", { minimumFractionDigits: 1, maximumFractionDigits: 1 })} µs`;
export const count = (n: number) => n.toLocaleString("en-US");
