import { Arg, Args, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import { asPayload } from '../../common/user-errors';
import type { Context } from '../../context';
import { CreateLocationInput, CreateLocationPayload, LocationsArgs, UpdateLocationInput, UpdateLocationPayload } from './location.inputs';
import { createLocation, listLocations, updateLocation } from './location.service';
import { Location, LocationConnection, type LocationRow } from './location.types';

@Resolver(() => Location)
export class LocationResolver {
  @Query(() => LocationConnection, { description: 'Locations by name, optionally only the children of one location, only the top-level ones, or those whose name starts with some text.' })
  locations(@Args() args: LocationsArgs, @Ctx() ctx: Context) {
    return listLocations(ctx, args);
  }

  @FieldResolver(() => Location, { nullable: true })
  parent(@Root() row: LocationRow, @Ctx() ctx: Context) {
    return row.parentId ? ctx.loaders.locationById.load(row.parentId) : null;
  }

  @FieldResolver(() => [Location])
  children(@Root() row: LocationRow, @Ctx() ctx: Context) {
    return ctx.loaders.locationChildren.load(row.id);
  }

  @FieldResolver(() => [Location])
  path(@Root() row: LocationRow, @Ctx() ctx: Context) {
    return ctx.loaders.locationPath.load(row.id);
  }

  @Mutation(() => CreateLocationPayload, { description: 'Creates a location. Needs ADMIN or ASSET_MANAGER.' })
  createLocation(@Arg('input', { description: 'The new location.' }) input: CreateLocationInput, @Ctx() ctx: Context) {
    return asPayload(() => createLocation(ctx, input));
  }

  @Mutation(() => UpdateLocationPayload, { description: 'Changes a location, including moving it under another one. Needs ADMIN or ASSET_MANAGER.' })
  updateLocation(@Arg('input', { description: 'The location and its changes.' }) input: UpdateLocationInput, @Ctx() ctx: Context) {
    return asPayload(() => updateLocation(ctx, input));
  }
}
