// The export report's items of these two checks as server/exports/osc.py writes them
// (PlanChecks); the upload's `taken_nearby` and `contradicted_tag` lists hold the same.
export const TAKEN_NEARBY = {
  observation: 'f6a7b8c9-0000-4000-8000-000000000006',
  warning: 'taken_nearby',
  osm_node_id: 701,
  distance_m: 3,
  other_observation: 'a7b8c9d0-0000-4000-8000-000000000007',
};
export const CONTRADICTED = {
  observation: 'b8c9d0e1-0000-4000-8000-000000000008',
  warning: 'contradicted_tag',
  osm_node_id: 316412602,
  kept: { revolving: 'yes' },
  surveyed: { 'camera:type': 'fixed' },
  reason: 'OSM node 316412602 keeps the mapper’s revolving=yes, …',
};
