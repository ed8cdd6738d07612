// question: path-exists
// summary: Is there a documented route (zero or more moves) from one role to another?
// param from (or source): Role - the role you start from, e.g. ml-engineer
// param to (or target): Role - the role you want to reach, e.g. cto
// returns: reachable
// python: kg.queries.library.reference:path_exists
MATCH (a:Role {id: $from})
RETURN a.id = $to OR EXISTS { MATCH (a)-[:PROGRESSES_TO*1..20]->(:Role {id: $to}) } AS reachable
