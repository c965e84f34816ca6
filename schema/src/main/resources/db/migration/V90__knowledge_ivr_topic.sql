-- V90: the IVR's knowledge self-service (art. 31, issue 22 item 3). The hotline flow's topic menu
-- (knowledge-topics: 1 社会保险与医疗保险, 2 住房公积金, 3 户籍与证件办理, 4 教育入学, 5 水电气暖) plays the
-- answer of the entry marked with that topic. Several entries may carry a topic (one valid now, one from next
-- month): the IVR plays the one valid today that was changed last. Null: the entry is for agents only.
alter table knowledge_entry add column ivr_topic smallint check (ivr_topic between 1 and 9);
create index knowledge_entry_ivr_topic on knowledge_entry (ivr_topic) where ivr_topic is not null;
