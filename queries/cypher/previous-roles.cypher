// question: previous-roles
// summary: From which roles does a documented move lead into a role? Best supported first.
// aliases: predecessors
// param role (or node): Role - the role you want to reach, e.g. cto
// returns: id, name, weight
// python: kg.queries.library.reference:previous_roles
MATCH (p:Role)-[e:PROGRESSES_TO]->(r:Role {id: $role})
RETURN p.id AS id, p.name AS name, e.weight AS weight, e.evidence AS evidence
ORDER BY weight DESC, id
