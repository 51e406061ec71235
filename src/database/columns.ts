import { getMetadataArgsStorage } from 'typeorm';

/**
 * The select list of an entity's table with camelCase aliases, e.g.
 * `a.asset_tag AS "assetTag"`: raw rows then have the entity's property names
 * without TypeORM hydrating entities.
 */
export function selectList(entity: Function, alias: string, typename?: string): string {
  const cols = getMetadataArgsStorage()
    .columns.filter((c) => c.target === entity)
    .map((c) => {
      const dbName = c.options.name ?? c.propertyName;
      return `${alias}.${dbName} AS "${c.propertyName}"`;
    });
  if (typename) cols.unshift(`'${typename}' AS "__typename"`);
  return cols.join(', ');
}

/** property name → column name of an entity. */
export function columnMap(entity: Function): Record<string, string> {
  return Object.fromEntries(
    getMetadataArgsStorage()
      .columns.filter((c) => c.target === entity)
      .map((c) => [c.propertyName, c.options.name ?? c.propertyName]),
  );
}
