import { registerEnumType } from 'type-graphql';

/**
 * Registers an enum with GraphQL, with a description for the type and for every
 * value: the Record type makes a missing value description a compile error.
 */
export function describeEnum<E extends Record<string, string>>(
  enumObject: E,
  name: string,
  description: string,
  values: { [K in keyof E]: string },
): void {
  registerEnumType(enumObject, {
    name,
    description,
    valuesConfig: Object.fromEntries(Object.entries(values).map(([k, d]) => [k, { description: d }])) as never,
  });
}
