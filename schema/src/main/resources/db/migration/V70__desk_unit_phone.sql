-- V70 (issue 19): the number a handling unit is reached at, so that an agent transfers a caller "to the unit" by
-- picking it (the server dials that number through [transfer-out]) instead of typing a number.
alter table handling_unit
    add column phone text check (phone ~ '^\+?[0-9]{3,20}$');

update handling_unit set phone = '05368880000' where id = 'demo-unit' and phone is null;
