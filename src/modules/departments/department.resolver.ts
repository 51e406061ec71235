import { Arg, Args, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import { ConnectionArgs } from '../../common/connection';
import { asPayload } from '../../common/user-errors';
import type { Context } from '../../context';
import { CreateDepartmentInput, CreateDepartmentPayload, UpdateDepartmentInput, UpdateDepartmentPayload } from './department.inputs';
import { createDepartment, listDepartments, updateDepartment } from './department.service';
import { Department, DepartmentConnection, type DepartmentRow } from './department.types';

@Resolver(() => Department)
export class DepartmentResolver {
  @Query(() => DepartmentConnection, { description: 'All departments, by name.' })
  departments(@Args() args: ConnectionArgs, @Ctx() ctx: Context) {
    return listDepartments(ctx, args);
  }

  @FieldResolver(() => Department, { nullable: true })
  parent(@Root() row: DepartmentRow, @Ctx() ctx: Context) {
    return row.parentId ? ctx.loaders.departmentById.load(row.parentId) : null;
  }

  @Mutation(() => CreateDepartmentPayload, { description: 'Creates a department. Needs ADMIN or ASSET_MANAGER.' })
  createDepartment(@Arg('input', { description: 'The new department.' }) input: CreateDepartmentInput, @Ctx() ctx: Context) {
    return asPayload(() => createDepartment(ctx, input));
  }

  @Mutation(() => UpdateDepartmentPayload, { description: 'Changes a department. Needs ADMIN or ASSET_MANAGER.' })
  updateDepartment(@Arg('input', { description: 'The department and its changes.' }) input: UpdateDepartmentInput, @Ctx() ctx: Context) {
    return asPayload(() => updateDepartment(ctx, input));
  }
}
