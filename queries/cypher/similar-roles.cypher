// question: similar-roles
// summary: Which roles are most like a role, judged by shared skills (Jaccard similarity)?
// param role: Role - the role, by id, name or alias, e.g. data-scientist
// param limit: int = 10 - how many roles to return, e.g. 5
// returns: id, name, similarity, shared
// python: kg.queries.library.reference:similar_roles
MATCH (r:Role {id: $role})-[:REQUIRES_SKILL]->(s:Skill)<-[:REQUIRES_SKILL]-(o:Role)
WHERE o.id <> r.id
WITH r, o, count(DISTINCT s) AS shared
MATCH (r)-[:REQUIRES_SKILL]->(mine:Skill)
WITH r, o, shared, count(DISTINCT mine) AS mine_count
MATCH (o)-[:REQUIRES_SKILL]->(theirs:Skill)
WITH o, shared, mine_count, count(DISTINCT theirs) AS theirs_count
RETURN o.id AS id, o.name AS name,
       round(shared * 1.0 / (mine_count + theirs_count - shared), 4) AS similarity, shared
ORDER BY similarity DESC, name, id
LIMIT $limit
