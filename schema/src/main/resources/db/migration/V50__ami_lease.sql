-- Several servers (issue 11 item 3): which node owns each PBX's AMI link. A lease with a fencing epoch,
-- taken and renewed with the database's clock (now()) so the nodes' clocks do not matter.
create table ami_lease (
    pbx_id     text primary key,
    owner      text        not null,
    epoch      bigint      not null check (epoch > 0),
    expires_at timestamptz not null,
    updated_at timestamptz not null default now()
);

comment on table ami_lease is 'One row per PBX: the node holding its AMI link until expires_at; epoch grows at every change of hands';
