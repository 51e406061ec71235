import { Field, Int, ObjectType } from 'type-graphql';
import { Connection } from '../../common/connection';
import { describeEnum } from '../../common/enums';
import { Node } from '../../common/node';
import type { LOCATION_KINDS } from './location.entity';

export enum LocationKind {
  SITE = 'SITE',
  BUILDING = 'BUILDING',
  FLOOR = 'FLOOR',
  ROOM = 'ROOM',
  DATACENTER = 'DATACENTER',
  WAREHOUSE = 'WAREHOUSE',
  RACK = 'RACK',
  OTHER = 'OTHER',
}

// The enum and the database CHECK (LOCATION_KINDS) must hold the same values: a difference is a compile error.
type SameValues<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const kindsMatchTheDatabase: SameValues<`${LocationKind}`, (typeof LOCATION_KINDS)[number]> = true;
void kindsMatchTheDatabase;

describeEnum(LocationKind, 'LocationKind', 'What sort of place a location is. Locations nest: a site holds buildings, a building floors, a floor rooms.', {
  SITE: 'A site or campus: one or more buildings at one address.',
  BUILDING: 'A building.',
  FLOOR: 'A floor of a building.',
  ROOM: 'A room, office or storage cupboard.',
  DATACENTER: 'A data centre or server room, owned or colocated.',
  WAREHOUSE: 'A warehouse or stock room where spare, incoming and outgoing equipment is kept.',
  RACK: 'An equipment rack, e.g. in a data centre or a network cabinet.',
  OTHER: 'Any other kind of place.',
});

/**
 * A location row as the resolvers receive it (see `selectList`). A type alias, not an
 * interface, so that it meets groupedLoader's `Record<string, unknown>` bound.
 */
export type LocationRow = {
  __typename: 'Location';
  id: string;
  name: string;
  code: string | null;
  kind: LocationKind;
  address: string | null;
  parentId: string | null;
  createdAt: Date;
  updatedAt: Date;
  version: number;
};

@ObjectType({ implements: Node, description: 'A place where assets and people are: a site, building, floor, room, data centre, warehouse or rack. Locations form a tree.' })
export class Location extends Node {
  @Field({ description: 'Display name, e.g. "Berlin HQ" or "Room 2.14".' })
  name: string;
  @Field(() => String, { nullable: true, description: 'Short unique code, e.g. "BER-HQ"; null when none was given.' })
  code: string | null;
  @Field(() => LocationKind, { description: 'What sort of place this is.' })
  kind: LocationKind;
  @Field(() => String, { nullable: true, description: 'Postal address or other directions, as free text.' })
  address: string | null;
  @Field(() => Location, { nullable: true, description: 'The location this one is inside; null at the top of the tree.' })
  parent: Location | null;
  @Field(() => [Location], { description: 'The locations directly inside this one, by name.' })
  children: Location[];
  @Field(() => [Location], { description: 'The chain of locations from the top of the tree down to and including this one, e.g. [site, building, floor, room].' })
  path: Location[];
  @Field({ description: 'When the location was created.' })
  createdAt: Date;
  @Field({ description: 'When the location last changed.' })
  updatedAt: Date;
  @Field(() => Int, { description: 'Increases with every change; pass it as `expectedVersion` to update safely.' })
  version: number;
}

@ObjectType({ description: 'A page of locations.' })
export class LocationConnection extends Connection(Location, 'Location', 'location') {}
