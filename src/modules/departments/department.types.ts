import { Field, Int, ObjectType } from 'type-graphql';
import { Connection } from '../../common/connection';
import { Node } from '../../common/node';

/** A department row as the resolvers receive it (see `selectList`). */
export interface DepartmentRow {
  __typename: 'Department';
  id: string;
  name: string;
  code: string;
  costCenter: string | null;
  parentId: string | null;
  createdAt: Date;
  updatedAt: Date;
  version: number;
}

@ObjectType({ implements: Node, description: 'An organisational unit that people belong to and assets can be assigned to.' })
export class Department extends Node {
  @Field({ description: 'Display name, e.g. "Finance".' })
  name: string;
  @Field({ description: 'Short unique code, e.g. "FIN".' })
  code: string;
  @Field(() => String, { nullable: true, description: 'Cost centre that the department\'s assets are charged to.' })
  costCenter: string | null;
  @Field(() => Department, { nullable: true, description: 'The parent department; null at the top.' })
  parent: Department | null;
  @Field({ description: 'When the department was created.' })
  createdAt: Date;
  @Field({ description: 'When the department last changed.' })
  updatedAt: Date;
  @Field(() => Int, { description: 'Increases with every change; pass it as `expectedVersion` to update safely.' })
  version: number;
}

@ObjectType({ description: 'A page of departments.' })
export class DepartmentConnection extends Connection(Department, 'Department', 'department') {}
