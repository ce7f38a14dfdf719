import { dataEnclaveConfigSchema } from '../config';
import { WORKSPACES_REGIONS } from '../spec';
import {
  fallbackPriceKeys,
  PRICE_SOURCES,
  PRICE_TABLE,
  PRICE_TABLES,
  PriceKey,
  priceTableFor,
} from './priceTable';

const KEYS = Object.keys(PRICE_SOURCES) as PriceKey[];

describe('PRICE_TABLES', () => {
  it('has a table for every region the form and the action can offer, and no other', () => {
    // The spec only takes WorkSpaces regions; the form offers allowedRegions ∩ those.
    expect(Object.keys(PRICE_TABLES).sort()).toEqual([...WORKSPACES_REGIONS]);
    const defaults = dataEnclaveConfigSchema.parse({}).allowedRegions;
    for (const region of defaults) {
      expect(priceTableFor(region).regionPriced).toBe(true);
    }
  });

  it.each(Object.entries(PRICE_TABLES))(
    '%s: every price has a dated AWS source or is a labelled fallback',
    (region, table) => {
      expect(table.region).toBe(region);
      expect(Object.keys(table.sources).sort()).toEqual([...KEYS].sort());
      for (const key of KEYS) {
        const source = table.sources[key];
        expect(source.url).toMatch(
          /^https:\/\/(aws\.amazon\.com|docs\.aws\.amazon\.com)\//,
        );
        expect(source.asOf).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      }
      const fallbacks = KEYS.filter(
        key => table.sources[key].fallbackFrom !== undefined,
      );
      for (const key of fallbacks) {
        // A fallback points at a region that really has the figure, and says so.
        const source = table.sources[key];
        expect(source.fallbackFrom).not.toBe(region);
        expect(
          PRICE_TABLES[source.fallbackFrom!].sources[key].fallbackFrom,
        ).toBeUndefined();
        expect(source.note).toContain(`${region} figure not transcribed yet`);
      }
    },
  );

  it('uses a fallback only where the price differs by region', () => {
    expect(fallbackPriceKeys(PRICE_TABLE)).toEqual([]);
    const euWest1 = fallbackPriceKeys(PRICE_TABLES['eu-west-1']);
    expect(euWest1).not.toContain('kms');
    expect(euWest1).not.toContain('gatewayEndpoint');
    expect(euWest1).toContain('interfaceEndpoint');
  });

  it('labels a region outside the tables instead of pricing it silently', () => {
    const { prices, regionPriced } = priceTableFor('xx-nowhere-1');
    expect(regionPriced).toBe(false);
    expect(prices.region).toBe('xx-nowhere-1');
    expect(fallbackPriceKeys(prices).length).toBeGreaterThan(0);
  });
});
