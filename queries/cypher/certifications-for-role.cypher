// question: certifications-for-role
// summary: Which certifications do documents recommend for a role? Required first, best supported first.
// param role: Role - the role, by id, name or alias, e.g. ml-engineer
// returns: id, name, required, weight
// python: kg.queries.library.reference:certifications_for_role
MATCH (r:Role {id: $role})-[e:RECOMMENDS_CERTIFICATION]->(c:Certification)
RETURN c.id AS id, c.name AS name, c.issuer AS issuer, e.required AS required, e.weight AS weight
ORDER BY required DESC, weight DESC, toLower(name), id
