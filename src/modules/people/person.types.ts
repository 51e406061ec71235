import { Field, Int, ObjectType } from 'type-graphql';
import { Connection } from '../../common/connection';
import { Node } from '../../common/node';
import { Department } from '../departments/department.types';
import { Location } from '../locations/location.types';

/** A person row as the resolvers receive it (see `selectList`). */
export interface PersonRow {
  __typename: 'Person';
  id: string;
  employeeId: string | null;
  displayName: string;
  email: string | null;
  departmentId: string | null;
  locationId: string | null;
  active: boolean;
  createdAt: Date;
  updatedAt: Date;
  version: number;
}

@ObjectType({ implements: Node, description: 'Someone who can hold assets: an employee, contractor or other member of the organisation.' })
export class Person extends Node {
  @Field(() => String, { nullable: true, description: 'Unique identifier from the HR system, e.g. "E-10234"; null when none was given.' })
  employeeId: string | null;
  @Field({ description: 'Name as shown to users, e.g. "Ada Lovelace".' })
  displayName: string;
  @Field(() => String, { nullable: true, description: 'E-mail address, unique regardless of case.' })
  email: string | null;
  @Field(() => Department, { nullable: true, description: 'The department the person belongs to.' })
  department: Department | null;
  @Field(() => Location, { nullable: true, description: 'Where the person usually works.' })
  location: Location | null;
  @Field({ description: 'False once the person has left or is no longer to be assigned assets.' })
  active: boolean;
  @Field({ description: 'When the person was created.' })
  createdAt: Date;
  @Field({ description: 'When the person last changed.' })
  updatedAt: Date;
  @Field(() => Int, { description: 'Increases with every change; pass it as `expectedVersion` to update safely.' })
  version: number;
}

@ObjectType({ description: 'A page of people.' })
export class PersonConnection extends Connection(Person, 'Person', 'person') {}
