// question: next-roles
// summary: Which roles can you move to next from a role? Documented moves, best supported first.
// aliases: successors
// param role (or node): Role - the role you are in, e.g. ml-engineer
// returns: id, name, weight
// python: kg.queries.library.reference:next_roles
MATCH (r:Role {id: $role})-[e:PROGRESSES_TO]->(n:Role)
RETURN n.id AS id, n.name AS name, e.weight AS weight, e.evidence AS evidence
ORDER BY weight DESC, id
