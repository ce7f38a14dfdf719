export * from './priceTable';
export * from './estimateMonthlyCost';
export * from './stackCostItems';
