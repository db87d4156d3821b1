-- Operators bound to a legal person per department (REQ-LOA-3). The operator is the department's pairwise
-- subject id for the person, never an ID number.
create table operator_binding (
    department      text        not null,
    operator        text        not null,
    legal_person_id text        not null,
    required_acr    text        not null,
    valid_until     timestamptz,
    bound_at        timestamptz not null,
    primary key (department, operator)
);

-- Instances keep the bindings in memory; a change wakes the others (REQ-HA-1).
create function operator_binding_changed() returns trigger language plpgsql as $$
begin
    perform pg_notify('ymt_operator_binding_changed', coalesce(new.department, old.department));
    return null;
end
$$;

create trigger operator_binding_changed after insert or update or delete on operator_binding
    for each row execute function operator_binding_changed();
