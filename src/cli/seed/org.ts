/** Departments, the location tree, vendors and people. */
import { DEPARTMENTS, DOMAIN, ROOM_NAMES, SITES, VENDOR_WORDS, VENDORS } from './catalog';
import { clamp, DAY_MS, type Department, type Person, type Site, type World } from './world';

const CURRENCY_BY_COUNTRY: Record<string, string> = { 'United States': 'USD', Canada: 'CAD', 'United Kingdom': 'GBP', Switzerland: 'CHF', Sweden: 'SEK', Poland: 'PLN', Australia: 'AUD', Singapore: 'SGD', Japan: 'JPY', Brazil: 'BRL', Denmark: 'DKK', Czechia: 'CZK' };
/** Purchases are made in the site's currency where the organisation keeps a local entity, in EUR otherwise. */
const LOCAL_CURRENCIES = new Set(['USD', 'GBP', 'CHF']);

export function generateDepartments(w: World): void {
  const rng = w.rng.fork('departments');
  const t = w.data.department;
  const totalTeams = DEPARTMENTS.reduce((s, d) => s + d.teams.length, 0);
  const teams = clamp(Math.round(w.config.scale / 1500), 6, totalTeams);
  const created = w.officeTime(rng, 3000);
  const add = (d: Department, costCenter: string) => {
    w.departments.push(d);
    w.departmentByCode.set(d.code, d);
    t.add({ id: d.id, name: d.name, code: d.code, cost_center: costCenter, parent_id: d.parentId, created_at: w.iso(created), updated_at: w.iso(created), version: 1 });
  };
  const tops = DEPARTMENTS.map((spec, i) => {
    const d: Department = { id: rng.uuid(), code: spec.code, name: spec.name, parentId: null };
    add(d, `CC-${1000 + i * 100}`);
    return d;
  });
  // Teams round-robin over the departments, so that every department gets its first team before any gets a second.
  let made = 0;
  for (let round = 0; made < teams; round++) {
    DEPARTMENTS.forEach((spec, i) => {
      if (made >= teams || round >= spec.teams.length) return;
      add({ id: rng.uuid(), code: `${spec.code}-${String(round + 1).padStart(2, '0')}`, name: `${spec.name} – ${spec.teams[round]}`, parentId: tops[i].id }, `CC-${1000 + i * 100 + round + 1}`);
      made++;
    });
  }
}

export function generateLocations(w: World): void {
  const rng = w.rng.fork('locations');
  const t = w.data.location;
  const target = clamp(Math.round(w.config.scale / 200), 25, 5000);
  const racksPerDc = clamp(Math.round(w.config.scale / 2500), 4, 24);
  const created = w.officeTime(rng, 3000);
  let count = 0;
  const add = (name: string, code: string, kind: string, parentId: string | null, address: string | null = null): string | null => {
    if (count >= target) return null;
    count++;
    const id = rng.uuid();
    t.add({ id, name, code, kind, address, parent_id: parentId, created_at: w.iso(created), updated_at: w.iso(created), version: 1 });
    return id;
  };
  for (let s = 0; count < target; s++) {
    const spec = SITES[s % SITES.length];
    const lap = Math.floor(s / SITES.length);
    const code = lap ? `${spec.code}${lap + 1}` : spec.code;
    const city = lap ? `${spec.city} ${lap + 1}` : spec.city;
    const country = CURRENCY_BY_COUNTRY[spec.country];
    const siteId = add(`${city} campus`, code, 'SITE', null, `${spec.street} ${rng.int(1, 220)}, ${spec.city}, ${spec.country}`)!;
    const site: Site = { index: s, code, city, currency: country && LOCAL_CURRENCIES.has(country) ? country : 'EUR', siteId, stock: [], rooms: [], floors: [], racks: [] };
    w.sites.push(site);
    // Depth first, parents before children, datacentre and warehouse first: cutting the list at the target keeps a whole tree.
    if (s % 3 === 0) {
      const dc = add(`${city} datacentre DC1`, `${code}-DC1`, 'DATACENTER', siteId);
      for (let r = 0; dc && r < racksPerDc; r++) {
        const rack = `${String.fromCharCode(65 + Math.floor(r / 12))}${String((r % 12) + 1).padStart(2, '0')}`;
        const id = add(`${city} DC1 rack ${rack}`, `${code}-DC1-${rack}`, 'RACK', dc);
        if (id) site.racks.push(id);
      }
    }
    if (s % 2 === 0) {
      const wh = add(`${city} warehouse`, `${code}-WH`, 'WAREHOUSE', siteId, `${spec.street} ${rng.int(221, 400)}, ${spec.city}, ${spec.country}`);
      if (wh) site.stock.push(wh);
    }
    const buildings = rng.int(1, 2);
    for (let b = 0; b < buildings; b++) {
      const letter = String.fromCharCode(65 + b);
      const building = add(`${city} building ${letter}`, `${code}-${letter}`, 'BUILDING', siteId);
      if (!building) break;
      const floors = rng.int(2, 4);
      for (let f = 1; f <= floors; f++) {
        const floor = add(`${city} ${letter} floor ${f}`, `${code}-${letter}${f}`, 'FLOOR', building);
        if (!floor) break;
        site.floors.push(floor);
        const rooms = rng.int(2, 4);
        for (let r = 1; r <= rooms; r++) {
          // The first room of a building is its IT store room, where devices wait between users.
          const kind = b === 0 && f === 1 && r === 1 ? 'IT store room' : ROOM_NAMES[(r + f) % ROOM_NAMES.length] === 'IT store room' ? 'Meeting room' : ROOM_NAMES[(r + f) % ROOM_NAMES.length];
          const room = add(`${city} ${letter}${f}.${String(r).padStart(2, '0')} ${kind}`, `${code}-${letter}${f}-${String(r).padStart(2, '0')}`, 'ROOM', floor);
          if (!room) break;
          if (kind === 'IT store room') site.stock.push(room);
          else site.rooms.push(room);
        }
      }
    }
  }
  // A site cut short by the target may lack rooms or stock: it borrows the first site's.
  const first = w.sites[0];
  for (const s of w.sites) {
    if (!s.stock.length) s.stock.push(...first.stock);
    if (!s.floors.length) s.floors.push(...first.floors);
    if (!s.rooms.length) s.rooms.push(...(first.rooms.length ? first.rooms : first.floors));
    if (!s.racks.length) s.racks.push(...first.racks);
  }
}

export function generateVendors(w: World): void {
  const rng = w.rng.fork('vendors');
  const t = w.data.vendor;
  const created = w.officeTime(rng, 2900);
  const add = (name: string, roles: string[], certifications: string[], website: string | null, email: string | null) => {
    const v = { id: rng.uuid(), name, roles, certifications };
    w.vendors.push(v);
    w.vendorByName.set(name, v);
    t.add({ id: v.id, name, roles, certifications, website, contact_email: email, created_at: w.iso(created), updated_at: w.iso(created), version: 1 });
  };
  for (const v of VENDORS) {
    const slug = v.name.toLowerCase().replace(/[^a-z0-9]+/g, '');
    add(v.name, v.roles, v.certifications ?? [], v.website ?? `https://www.${slug}.example`, v.website ? null : `sales@${slug}.example`);
  }
  // More resellers and service providers at larger scales: invented names, unique ignoring case.
  const extra = Math.round(w.config.scale / 500);
  const taken = new Set(w.vendors.map((v) => v.name.toLowerCase()));
  const certs = ['ISO_9001', 'ISO_27001', 'ISO_14001'];
  for (let i = 0, tries = 0; i < extra && tries < extra * 20; tries++) {
    const name = `${rng.pick(VENDOR_WORDS.first)} ${rng.pick(VENDOR_WORDS.second)} ${rng.pick(VENDOR_WORDS.third)}`;
    if (taken.has(name.toLowerCase())) continue;
    taken.add(name.toLowerCase());
    const roles = rng.chance(0.5) ? ['SUPPLIER'] : rng.chance(0.5) ? ['SERVICE_PROVIDER'] : ['SUPPLIER', 'SERVICE_PROVIDER'];
    const slug = name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/-+$/, '');
    add(name, roles, certs.filter(() => rng.chance(0.3)), `https://www.${slug}.example`, `info@${slug}.example`);
    i++;
  }
}

const ascii = (s: string): string => s.normalize('NFKD').replace(/[^A-Za-z]/g, '').toLowerCase();

export function generatePeople(w: World): void {
  const rng = w.rng.fork('people');
  const t = w.data.person;
  const n = Math.max(20, Math.round(w.config.scale / 10));
  const { first, last } = w.config.names;
  const emails = new Set<string>();
  // Bigger teams in engineering, sales and support; the first site is the headquarters.
  const deptWeights: Record<string, number> = { ENG: 5, IT: 1.5, FIN: 1, HR: 0.8, SAL: 3, MKT: 1.5, SUP: 2.5, OPS: 1.2, LEG: 0.5, PRD: 1.5, RES: 0.8, EXE: 0.2 };
  const teamsOf = new Map<string, Department[]>();
  for (const d of w.departments) {
    const top = d.code.split('-')[0];
    if (!teamsOf.has(top)) teamsOf.set(top, []);
    teamsOf.get(top)!.push(d);
  }
  const topCodes = Object.keys(deptWeights);
  const totalWeight = topCodes.reduce((s, c) => s + deptWeights[c], 0);
  for (let s = 0; s < w.sites.length; s++) w.activePeopleBySite.push([]);
  for (let i = 0; i < n; i++) {
    const given = rng.pick(first);
    const family = rng.pick(last);
    let local = `${ascii(given)}.${ascii(family)}`;
    for (let k = 2; emails.has(local); k++) local = `${ascii(given)}.${ascii(family)}${k}`;
    emails.add(local);
    let u = rng.next() * totalWeight;
    let top = topCodes[0];
    for (const c of topCodes) {
      if ((u -= deptWeights[c]) < 0) {
        top = c;
        break;
      }
    }
    // Most people sit in a team; the rest directly in the department.
    const options = teamsOf.get(top)!;
    const dept = options.length > 1 && rng.chance(0.8) ? rng.pick(options.slice(1)) : options[0];
    const site = rng.chance(0.3) ? 0 : rng.int(0, w.sites.length - 1);
    const active = i < 3 || rng.chance(0.94);
    const createdMs = w.officeTime(rng, rng.int(20, 3000));
    const deactivatedMs = active ? null : createdMs + rng.int(30, Math.max(31, Math.floor((w.t0 - createdMs) / DAY_MS) - 1)) * DAY_MS;
    const p: Person = { id: rng.uuid(), site, departmentId: dept.id, active, createdMs, deactivatedMs: deactivatedMs !== null ? Math.min(deactivatedMs, w.t0 - DAY_MS) : null };
    w.people.push(p);
    if (active) {
      w.activePeople.push(p);
      w.activePeopleBySite[site].push(p);
    }
    t.add({
      id: p.id,
      employee_id: `E${String(10001 + i).padStart(6, '0')}`,
      display_name: `${given} ${family}`,
      email: rng.chance(0.98) ? `${local}@${DOMAIN}` : null,
      department_id: dept.id,
      location_id: rng.pick(w.sites[site].floors),
      active,
      created_at: w.iso(createdMs),
      updated_at: w.iso(p.deactivatedMs ?? createdMs),
      version: active ? 1 : 2,
    });
  }
  // A site without active people borrows the headquarters' (hand-overs there go to them).
  for (let s = 0; s < w.sites.length; s++) if (!w.activePeopleBySite[s].length) w.activePeopleBySite[s] = w.activePeopleBySite[0].length ? w.activePeopleBySite[0] : w.activePeople;
}
