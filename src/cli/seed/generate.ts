/** The demo data set, table by table: organisation, assets and their histories, contracts and seats. */
import { AssetGenerator } from './assets';
import { generateContracts, generateSeats } from './commerce';
import { generateDepartments, generateLocations, generatePeople, generateVendors } from './org';
import type { World } from './world';

/** Departments, locations, vendors and people. */
export function generateOrganisation(w: World): void {
  generateDepartments(w);
  generateLocations(w);
  generateVendors(w);
  generatePeople(w);
}

/** Assets of every kind with custody chains, audits, maintenance, disposals and relations. */
export function generateAssets(w: World): Promise<void> {
  return new AssetGenerator(w).generate();
}

/** An event-loop turn now and then, so that a COPY in progress keeps being fed while this generates. */
const pause = async (i: number): Promise<void> => {
  if ((i & 255) === 255) await new Promise((resolve) => setImmediate(resolve));
};

/** Contracts with their asset links, and licence seats (they need the assets). */
export async function generateCommerce(w: World): Promise<void> {
  await generateContracts(w, pause);
  await generateSeats(w, pause);
}
