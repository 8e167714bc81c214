import { describe, expect, it } from 'vitest';
import { INLINE_DATASET, splitChartData } from './chart-data.ts';
import { sameJson } from './same-json.ts';

const lossChart = (points: number) => ({
  $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
  data: { values: Array.from({ length: points }, (_, step) => ({ step, loss: 1 / (step + 1) })) },
  mark: 'line',
  encoding: { x: { field: 'step', type: 'quantitative' }, y: { field: 'loss', type: 'quantitative' } },
});

describe('splitChartData', () => {
  it('moves inline values into a named dataset so the chart can swap them in place', () => {
    const { spec, datasets } = splitChartData(lossChart(3));
    expect(spec['data']).toEqual({ name: INLINE_DATASET });
    expect(datasets[INLINE_DATASET]).toHaveLength(3);
    expect((spec['datasets'] as Record<string, unknown>)[INLINE_DATASET]).toBe(datasets[INLINE_DATASET]);
  });

  it('gives the same shape to a live chart that only gained points, and another shape when the encoding changes', () => {
    expect(sameJson(splitChartData(lossChart(3)).shape, splitChartData(lossChart(50)).shape)).toBe(true);
    const retitled = { ...lossChart(3), title: 'Validation loss' };
    expect(sameJson(splitChartData(lossChart(3)).shape, splitChartData(retitled).shape)).toBe(false);
  });

  it('treats top-level named datasets as data and keeps a name the spec gave its inline values', () => {
    const named = { data: { name: 'train', values: [{ x: 1 }] }, datasets: { val: [{ x: 2 }] }, mark: 'point' };
    const { spec, shape, datasets } = splitChartData(named);
    expect(datasets).toEqual({ train: [{ x: 1 }], val: [{ x: 2 }] });
    expect(spec['data']).toEqual({ name: 'train' });
    expect(shape['datasets']).toEqual({ train: null, val: null });
  });

  it('leaves data that needs parsing or loading inside the shape', () => {
    const csv = { data: { values: 'a,b\n1,2', format: { type: 'csv' } }, mark: 'bar' };
    expect(splitChartData(csv)).toEqual({ spec: csv, shape: csv, datasets: {} });
  });
});
