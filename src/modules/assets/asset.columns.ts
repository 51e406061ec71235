import { columnPlanner } from '../../common/selection';
import { columnMap } from '../../database/columns';
import { AssetEntity } from './asset.entity';
import { KIND_TYPENAME } from './asset.enums';

/**
 * The select list an asset page needs for the query being run (`a.col AS "prop", …`), or null
 * when it needs every column (src/common/selection.ts). Pages of 100 assets read about 20 of the
 * table's 90 columns this way: fewer values to parse and fewer objects to collect.
 * test/asset-columns.e2e.test.ts compares every asset field on a page against whole rows.
 */
export const assetSelectFor = columnPlanner({
  columns: columnMap(AssetEntity),
  types: Object.values(KIND_TYPENAME),
  // The global ID and the object type come from them.
  always: ['id', 'kind'],
  resolverReads: {
    id: [],
    location: ['locationId'],
    department: ['departmentId'],
    custodian: ['custodianType', 'custodianId'],
    custodyChain: ['custodySequence'],
    contracts: [],
  },
}, 'a');
