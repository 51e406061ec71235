import { Arg, Args, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import { asPayload } from '../../common/user-errors';
import type { Context } from '../../context';
import { Department } from '../departments/department.types';
import { Location } from '../locations/location.types';
import { CreatePersonInput, CreatePersonPayload, PeopleArgs, UpdatePersonInput, UpdatePersonPayload } from './person.inputs';
import { createPerson, listPeople, updatePerson } from './person.service';
import { Person, PersonConnection, type PersonRow } from './person.types';

@Resolver(() => Person)
export class PersonResolver {
  @Query(() => PersonConnection, { description: 'People by display name, optionally filtered by name or e-mail prefix, department and whether they are active.' })
  people(@Args() args: PeopleArgs, @Ctx() ctx: Context) {
    return listPeople(ctx, args);
  }

  @FieldResolver(() => Department, { nullable: true })
  department(@Root() row: PersonRow, @Ctx() ctx: Context) {
    return row.departmentId ? ctx.loaders.departmentById.load(row.departmentId) : null;
  }

  @FieldResolver(() => Location, { nullable: true })
  location(@Root() row: PersonRow, @Ctx() ctx: Context) {
    return row.locationId ? ctx.loaders.locationById.load(row.locationId) : null;
  }

  @Mutation(() => CreatePersonPayload, { description: 'Creates a person. Needs ADMIN or ASSET_MANAGER.' })
  createPerson(@Arg('input', { description: 'The new person.' }) input: CreatePersonInput, @Ctx() ctx: Context) {
    return asPayload(() => createPerson(ctx, input));
  }

  @Mutation(() => UpdatePersonPayload, { description: 'Changes a person. Needs ADMIN or ASSET_MANAGER.' })
  updatePerson(@Arg('input', { description: 'The person and its changes.' }) input: UpdatePersonInput, @Ctx() ctx: Context) {
    return asPayload(() => updatePerson(ctx, input));
  }
}
