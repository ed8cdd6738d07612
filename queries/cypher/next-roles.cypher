// Answers: Which roles can you move to next from a role? Documented moves, best supported first.
// Param role (string): the role you are in (id or exact name), e.g. 'ml-engineer'
// Python: kg.queries.explore.next_roles
MATCH (r:Role)-[e:PROGRESSES_TO]->(n:Role)
WHERE r.id = $role OR r.name = $role
RETURN n.id AS id, n.name AS name, e.weight AS weight, e.evidence AS evidence
ORDER BY weight DESC, id
