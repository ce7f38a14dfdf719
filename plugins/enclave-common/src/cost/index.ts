export * from './priceTable';
export * from './estimateMonthlyCost';
