// Answers: Which roles are most like a role, judged by shared skills (Jaccard similarity)?
// Param role (string): the role (id or exact name), e.g. 'data-scientist'
// Param limit (int, default 10): how many roles to return
// Python: kg.queries.explore.similar_roles
MATCH (r:Role)-[:REQUIRES_SKILL]->(s:Skill)<-[:REQUIRES_SKILL]-(o:Role)
WHERE (r.id = $role OR r.name = $role) AND o.id <> r.id
WITH r, o, count(DISTINCT s) AS shared
MATCH (r)-[:REQUIRES_SKILL]->(mine:Skill)
WITH r, o, shared, count(DISTINCT mine) AS mine_count
MATCH (o)-[:REQUIRES_SKILL]->(theirs:Skill)
WITH o, shared, mine_count, count(DISTINCT theirs) AS theirs_count
RETURN o.id AS id, o.name AS name,
       round(shared * 1.0 / (mine_count + theirs_count - shared), 4) AS similarity, shared
ORDER BY similarity DESC, name
LIMIT $limit
